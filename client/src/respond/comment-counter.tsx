import { useState, type ReactElement } from 'react';
import type { Question, TextAreaModel } from 'survey-core';
import { SurveyQuestionCommentItem } from 'survey-react-ui';

/** What this module uses of survey-react-ui's comment box (its typings keep these protected). */
interface CommentBox {
  readonly props: { question: Question };
  getTextAreaModel(): TextAreaModel;
  renderElement(): ReactElement;
}

interface CountedProps {
  box: ReactElement;
  maxLength: number;
  initialLength: number;
}

/**
 * The comment box and its counter, in the same wrapper and with the same classes as survey-core's
 * long-text question: "12/500" at the bottom right while the box has focus.
 */
function Counted({ box, maxLength, initialLength }: CountedProps) {
  const [length, setLength] = useState(initialLength);
  return (
    <div
      className="sd-comment__content"
      // The textarea is survey-react-ui's own and uncontrolled; its input events bubble to here.
      onInput={(event) => setLength((event.target as HTMLTextAreaElement).value.length)}
    >
      {box}
      <div className="sd-remaining-character-counter" data-testid="comment-counter">
        {length}/{maxLength}
      </div>
    </div>
  );
}

/**
 * survey-core shows a counter under text and long-text questions but not under a question's comment
 * area or its "Other" text, although the server caps those too (the survey's maxCommentLength, which
 * the served definition always carries). survey-react-ui draws both boxes with one component and no
 * hook for it, so its render is wrapped here, once, for every survey on the page.
 */
const prototype = SurveyQuestionCommentItem.prototype as unknown as CommentBox;
const renderBox = prototype.renderElement;
prototype.renderElement = function (this: CommentBox) {
  const box = renderBox.call(this);
  const model = this.getTextAreaModel();
  const maxLength = model.maxLength;
  if (!maxLength || this.props.question.isReadOnlyRenderDiv()) return box;
  return <Counted box={box} maxLength={maxLength} initialLength={model.getTextValue().length} />;
};
