/* The boot script: inlined by the server into every page's head (server/http/client-page.ts, its sha256 in
 * the page's Content-Security-Policy). It is ES5 on purpose — it must run on any phone, also one too old
 * for the page — and it picks which build to load (decision 016, client/support-matrix.ts):
 * - the modern build where String.prototype.isWellFormed exists (Chrome 111, Safari 16.4, Firefox 119 on);
 * - else the legacy build, lowered to the floor, after the floor's polyfills;
 * - else, below the floor (no ES modules or no BigInt), a plain message instead of a blank page.
 * A modern build that fails to start anyway (a script error before the app said it started) falls back
 * to the legacy one. `?build=legacy` forces the legacy build, for the tests and for support.
 */
(function () {
  var w = window;
  var d = document;
  var data = JSON.parse(d.getElementById('pingyi-boot').textContent);

  function add(tag, attrs) {
    var el = d.createElement(tag);
    for (var key in attrs) if (Object.prototype.hasOwnProperty.call(attrs, key)) el[key] = attrs[key];
    d.head.appendChild(el);
    return el;
  }

  // Counted per campaign and day, with nothing about the phone but what went wrong (server/page-reports).
  function report(kind) {
    var campaign = /^\/r\/([^/]+)\//.exec(location.pathname);
    new Image().src = '/api/page-reports/' + kind + (campaign ? '?campaign=' + campaign[1] : '');
  }

  function atFloor() {
    var script = d.createElement('script');
    return 'noModule' in script && typeof w.BigInt === 'function' && !!(w.crypto && w.crypto.getRandomValues);
  }

  function tooOld() {
    var english = /^en\b/i.test(navigator.language || '');
    var text = english
      ? 'This browser is too old to open the rating page. Please open the link in an up-to-date browser or update WeChat.'
      : '您的浏览器版本过低，无法打开评议页面。请用手机自带的最新浏览器打开此链接，或将微信更新到最新版本。';
    // On a QR page the names the server drew stay; the message takes the form's place.
    var show = function () {
      var root = d.getElementById('root');
      if (!root) return;
      var place = root.querySelector('.form-skeleton') || root;
      var switcher = root.querySelector('.respond-switch-place');
      if (switcher) switcher.parentNode.removeChild(switcher);
      var busy = root.querySelector('[aria-busy]');
      if (busy) busy.removeAttribute('aria-busy');
      var p = d.createElement('p');
      p.className = 'boot-too-old';
      p.setAttribute('role', 'alert');
      p.appendChild(d.createTextNode(text));
      if (place === root) root.innerHTML = '';
      if (place === root) root.appendChild(p);
      else place.parentNode.replaceChild(p, place);
    };
    if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', show);
    else show();
    report('too-old');
  }

  function load(build, name) {
    w.__pingyiBuild = name;
    var i;
    for (i = 0; i < build.preload.length; i++)
      add('link', { rel: 'modulepreload', crossOrigin: 'anonymous', href: build.preload[i] });
    for (i = 0; i < build.stylesheets.length; i++) add('link', { rel: 'stylesheet', href: build.stylesheets[i] });
    for (i = 0; i < build.styles.length; i++)
      add('link', { rel: 'preload', as: 'style', crossOrigin: 'anonymous', href: build.styles[i] });
    var start = function () {
      add('script', { type: 'module', crossOrigin: 'anonymous', src: build.entry });
    };
    if (build.polyfills) add('script', { src: build.polyfills, onload: start, onerror: start });
    else start();
  }

  if (!atFloor()) return tooOld();
  var forced = /[?&]build=(legacy|modern)(&|$)/.exec(location.search);
  var modern = forced ? forced[1] === 'modern' : typeof String.prototype.isWellFormed === 'function';
  if (!modern && data.legacy) return load(data.legacy, 'legacy');
  load(data.modern, 'modern');
  if (forced || !data.legacy) return;
  var fellBack = false;
  w.addEventListener(
    'error',
    function (event) {
      var file = event.filename || '';
      if (fellBack || w.__pingyiStarted || file.indexOf('/assets/') < 0 || file.indexOf('/legacy/') >= 0) return;
      fellBack = true;
      report('modern-failed');
      load(data.legacy, 'legacy');
    },
    true
  );
})();
