import pg from 'pg';

/**
 * What one PostgreSQL database did between two points, from the server's own counters: the statements
 * the app servers sent (pg_stat_statements, when the cluster preloads it; counts are exact the moment a
 * statement ends) and the WAL written (pg_current_wal_lsn(), exact, cluster-wide). Without
 * pg_stat_statements, transactions come from pg_stat_database, whose counters a backend flushes only
 * after about ten idle seconds: the window is then closed after waiting that long.
 */
export interface PgWindow {
  /** Per normalised query text (top level only): calls and total execution ms (lock waits included); null without pg_stat_statements. */
  statements: Map<string, { calls: number; ms: number }> | null;
  /** Transactions committed (pg_stat_database.xact_commit), only without pg_stat_statements. */
  commits: number | null;
  walBytes: number;
}

export class PgCounters {
  private constructor(
    private readonly client: pg.Client,
    /** Whether pg_stat_statements could be created in the database (the cluster must preload it). */
    readonly statementsAvailable: boolean,
  ) {}

  static async connect(url: string): Promise<PgCounters> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let available = true;
    try {
      await client.query('create extension if not exists pg_stat_statements');
      await client.query('select count(*) from pg_stat_statements');
    } catch {
      available = false;
    }
    return new PgCounters(client, available);
  }

  private start: { lsn: string; commits: number } | null = null;

  async begin(): Promise<void> {
    if (this.statementsAvailable) await this.client.query('select pg_stat_statements_reset()');
    else await this.client.query('select pg_stat_clear_snapshot()');
    this.start = await this.point();
  }

  async end(): Promise<PgWindow> {
    if (!this.start) throw new Error('PgCounters.end() without begin()');
    let statements: PgWindow['statements'] = null;
    if (this.statementsAvailable) {
      // Our own look-ups (this client's) are left out by their text.
      const rows = await this.client.query<{ query: string; calls: string; ms: string }>(
        `select query, sum(calls) as calls, sum(total_exec_time) as ms from pg_stat_statements s
         join pg_database d on d.oid = s.dbid
         where d.datname = current_database() and s.toplevel
           and query not like '%pg_stat_statements%' and query not like '%pg_current_wal_lsn%'
         group by query`,
      );
      statements = new Map(rows.rows.map((r) => [r.query, { calls: Number(r.calls), ms: Number(r.ms) }]));
    } else {
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      await this.client.query('select pg_stat_clear_snapshot()');
    }
    const now = await this.point();
    const wal = await this.client.query<{ bytes: string }>('select pg_wal_lsn_diff($1, $2) as bytes', [
      now.lsn,
      this.start.lsn,
    ]);
    return {
      statements,
      commits: this.statementsAvailable ? null : now.commits - this.start.commits,
      walBytes: Number(wal.rows[0]!.bytes),
    };
  }

  /** One line of the cluster's durability settings, read back from the running server. */
  async settingsLine(): Promise<string> {
    const rows = await this.client.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings
       where name in ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers', 'max_connections')
       order by name`,
    );
    return rows.rows.map((r) => `${r.name}=${r.setting}`).join(', ');
  }

  private async point(): Promise<{ lsn: string; commits: number }> {
    const row = await this.client.query<{ lsn: string; commits: string }>(
      'select pg_current_wal_lsn()::text as lsn, xact_commit as commits from pg_stat_database where datname = current_database()',
    );
    return { lsn: row.rows[0]!.lsn, commits: Number(row.rows[0]!.commits) };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
