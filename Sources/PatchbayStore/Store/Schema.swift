import GRDB

/// The store's tables, one migration per schema version. Migrations are never edited once
/// shipped: a change is a new migration, so every older file upgrades in place.
enum Schema {
    static let v1 = "v1-history"
    static let v2 = "v2-evals"
    static let v3 = "v3-indexes"
    static let v4 = "v4-blobs"
    static let v5 = "v5-prompts"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(v1) { db in
            // Each distinct graph once, by the SHA-256 of its canonical text.
            try db.execute(
                sql: """
                    CREATE TABLE graphs (
                        hash TEXT PRIMARY KEY NOT NULL,
                        text TEXT NOT NULL,
                        title TEXT
                    );
                    CREATE TABLE runs (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        graph_path TEXT,
                        graph_hash TEXT NOT NULL REFERENCES graphs(hash),
                        inputs TEXT NOT NULL,
                        status TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        finished_at REAL,
                        pid INTEGER,
                        origin TEXT NOT NULL DEFAULT 'run',
                        parent_run TEXT,
                        parent_step TEXT,
                        outputs TEXT,
                        error TEXT,
                        step_count INTEGER NOT NULL DEFAULT 0,
                        executed INTEGER NOT NULL DEFAULT 0,
                        cached INTEGER NOT NULL DEFAULT 0,
                        input_tokens INTEGER NOT NULL DEFAULT 0,
                        output_tokens INTEGER NOT NULL DEFAULT 0,
                        cost REAL NOT NULL DEFAULT 0
                    );
                    CREATE INDEX runs_by_graph ON runs(graph_path, seq);
                    CREATE INDEX runs_by_start ON runs(started_at);
                    CREATE INDEX runs_running ON runs(status) WHERE status = 'running';
                    CREATE TABLE steps (
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        seq INTEGER NOT NULL,
                        path TEXT NOT NULL,
                        node TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        status TEXT NOT NULL,
                        inputs TEXT NOT NULL,
                        outputs TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        duration REAL NOT NULL,
                        input_tokens INTEGER,
                        output_tokens INTEGER,
                        cost REAL,
                        error TEXT,
                        skip_reason TEXT,
                        attempts INTEGER NOT NULL DEFAULT 1,
                        cache_key TEXT,
                        PRIMARY KEY (run_id, seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE cache (
                        key TEXT PRIMARY KEY NOT NULL,
                        outputs TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        last_used REAL NOT NULL,
                        hits INTEGER NOT NULL DEFAULT 0
                    );
                    """)
        }
        migrator.registerMigration(v2) { db in
            try db.execute(
                sql: """
                    CREATE TABLE evals (
                        id TEXT PRIMARY KEY NOT NULL,
                        graph_path TEXT NOT NULL,
                        variants TEXT NOT NULL,
                        cases INTEGER NOT NULL,
                        repeats INTEGER NOT NULL,
                        samples INTEGER NOT NULL,
                        passed INTEGER NOT NULL,
                        pass_rate REAL NOT NULL,
                        lower REAL NOT NULL,
                        upper REAL NOT NULL,
                        started_at REAL NOT NULL,
                        finished_at REAL NOT NULL,
                        report TEXT NOT NULL
                    );
                    CREATE INDEX evals_by_start ON evals(started_at);
                    ALTER TABLE runs ADD COLUMN eval_id TEXT;
                    ALTER TABLE runs ADD COLUMN case_id TEXT;
                    ALTER TABLE runs ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX runs_by_eval ON runs(eval_id, seq) WHERE eval_id IS NOT NULL;
                    """)
        }
        migrator.registerMigration(v3) { db in
            // `runs_by_start` answered no query and cost every insert; `gc` looks runs up by
            // graph hash. The process's start time and boot id tell a live run from one whose
            // pid was reused (rows from before v3 keep them null: pid-only detection).
            try db.execute(
                sql: """
                    DROP INDEX IF EXISTS runs_by_start;
                    CREATE INDEX runs_by_graph_hash ON runs(graph_hash);
                    ALTER TABLE runs ADD COLUMN process_start INTEGER;
                    ALTER TABLE runs ADD COLUMN boot_id TEXT;
                    """)
        }
        migrator.registerMigration(v4) { db in
            // Large values once: a port value of `ValueBlobs.threshold` bytes or more is kept in
            // `blobs` by the SHA-256 of its bytes (as `graphs` keeps graph texts), and the
            // `*_blobs` columns name it ({"port": "s:HASH"} a string, "j:HASH" JSON text); the
            // value columns keep only the small ports. `run_blobs` says which runs use a blob, so
            // `gc` finds unused ones by index. Rows from before v4 have null `*_blobs`.
            try db.execute(
                sql: """
                    CREATE TABLE blobs (
                        hash TEXT PRIMARY KEY NOT NULL,
                        data BLOB NOT NULL
                    );
                    CREATE TABLE run_blobs (
                        run_id TEXT NOT NULL,
                        hash TEXT NOT NULL,
                        PRIMARY KEY (run_id, hash)
                    ) WITHOUT ROWID;
                    CREATE INDEX run_blobs_by_hash ON run_blobs(hash);
                    ALTER TABLE runs ADD COLUMN inputs_blobs TEXT;
                    ALTER TABLE runs ADD COLUMN outputs_blobs TEXT;
                    ALTER TABLE steps ADD COLUMN inputs_blobs TEXT;
                    ALTER TABLE steps ADD COLUMN outputs_blobs TEXT;
                    """)
        }
        migrator.registerMigration(v5) { db in
            // What each step sent (`Step.prompt`): `prompt` holds its ports as the value columns
            // do (large ones in `blobs`, named by `prompt_blobs`), or `=inputs`/`=outputs` when it
            // is the step's inputs or outputs (a template's text, a turn's messages), stored once.
            // `run_subgraphs` names the sub-graph files a run ran (path relative to the project)
            // and their text in `graphs`. Rows from before v5 have neither.
            try db.execute(
                sql: """
                    ALTER TABLE steps ADD COLUMN prompt TEXT;
                    ALTER TABLE steps ADD COLUMN prompt_blobs TEXT;
                    CREATE TABLE run_subgraphs (
                        run_id TEXT NOT NULL,
                        path TEXT NOT NULL,
                        graph_hash TEXT NOT NULL,
                        PRIMARY KEY (run_id, path)
                    ) WITHOUT ROWID;
                    CREATE INDEX run_subgraphs_by_hash ON run_subgraphs(graph_hash);
                    """)
        }
        return migrator
    }
}
