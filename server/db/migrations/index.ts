import type { Migration } from 'kysely';
import * as m0001 from './0001_init.ts';
import * as m0002 from './0002_sessions_rate_counters.ts';
import * as m0003 from './0003_access_review.ts';
import * as m0005 from './0005_publications.ts';
import * as m0006 from './0006_unlinkable_ballots.ts';
import * as m0007 from './0007_account_hardening.ts';
import * as m0008 from './0008_tallies.ts';
import * as m0009 from './0009_settings_single_home.ts';
import * as m0010 from './0010_page_reports.ts';
import * as m0011 from './0011_rectification.ts';
import * as m0013 from './0013_followup_sms.ts';
import * as m0014 from './0014_user_phone.ts';
import * as m0015 from './0015_visits.ts';
import * as m0016 from './0016_webhooks.ts';
import * as m0017 from './0017_hotline_updates.ts';

/** Every migration, in order, listed explicitly so bundlers and reviewers can follow them. */
export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_sessions_rate_counters': m0002,
  '0003_access_review': m0003,
  '0005_publications': m0005,
  '0006_unlinkable_ballots': m0006,
  '0007_account_hardening': m0007,
  '0008_tallies': m0008,
  '0009_settings_single_home': m0009,
  '0010_page_reports': m0010,
  '0011_rectification': m0011,
  '0013_followup_sms': m0013,
  '0014_user_phone': m0014,
  '0015_visits': m0015,
  '0016_webhooks': m0016,
  '0017_hotline_updates': m0017,
};
