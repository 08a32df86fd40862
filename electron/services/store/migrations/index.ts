// Numbered migrations, applied in order. Add a file NNN_name.ts and list it here; never edit one
// that has shipped.
import * as m001 from './001_init';
import * as m002 from './002_providers';
import * as m003 from './003_outbox';
import * as m004 from './004_broadcasts';
import * as m005 from './005_media';
import * as m006 from './006_qontak_templates_rooms';
import * as m007 from './007_app_meta';
import * as m008 from './008_search';
import * as m009 from './009_raw_retention';
import * as m010 from './010_broadcast_only';
import * as m011 from './011_local_titles';
import * as m012 from './012_wordings';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { version: 1, ...m001 },
  { version: 2, ...m002 },
  { version: 3, ...m003 },
  { version: 4, ...m004 },
  { version: 5, ...m005 },
  { version: 6, ...m006 },
  { version: 7, ...m007 },
  { version: 8, ...m008 },
  { version: 9, ...m009 },
  { version: 10, ...m010 },
  { version: 11, ...m011 },
  { version: 12, ...m012 },
];
export const latestVersion = migrations.length;
