//! The same checks on SQLite and PostgreSQL: the store must behave identically on both.

use rampart_store::testing::postgres_database;
use rampart_store::{Backend, Location, MIGRATIONS, Store, StoreError, Value};

fn each_backend(label: &str, check: impl Fn(&Location)) {
    let dir = tempfile::tempdir().unwrap();
    check(&Location::Sqlite(dir.path().join("r.db")));
    if let Some(db) = postgres_database(label) {
        check(&Location::Postgres(db.url.clone()));
    }
}

#[test]
fn values_round_trip_and_transactions_roll_back() {
    each_backend("store values", |loc| {
        let mut s = Store::open(loc).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let row = s
            .query_one(
                "INSERT INTO history (finding_id, at, actor, field, old_value, new_value, reason) \
                 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id, at, actor, old_value",
                &[
                    Value::Int(7),
                    Value::Int(1_700_000_000_000),
                    "ädå 'quoted' ?".into(),
                    "state".into(),
                    Value::Null,
                    "open".into(),
                    "r".into(),
                ],
            )
            .unwrap();
        assert_eq!(row.i64(1).unwrap(), 1_700_000_000_000);
        assert_eq!(row.text(2).unwrap(), "ädå 'quoted' ?");
        assert_eq!(row.opt_text(3), None);
        let r: Result<(), StoreError> = s.transaction(|s| {
            s.execute(
                "INSERT INTO history (finding_id, at, actor, field) VALUES (?, ?, ?, ?)",
                &[Value::Int(8), Value::Int(1), "a".into(), "state".into()],
            )?;
            Err(StoreError::Data("abort".into()))
        });
        assert!(r.is_err());
        let n = s.query_one("SELECT COUNT(*) FROM history", &[]).unwrap();
        assert_eq!(n.i64(0).unwrap(), 1);
        // LIKE is case-sensitive on both.
        let like = s
            .query_one(
                "SELECT COUNT(*) FROM history WHERE actor LIKE ?",
                &["ÄDÅ%".into()],
            )
            .unwrap();
        assert_eq!(like.i64(0).unwrap(), 0);
        let err = s.execute("DELETE FROM history", &[]).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        let real = s
            .query_one(
                "SELECT CAST(? AS DOUBLE PRECISION) * 2",
                &[Value::Real(1.25)],
            )
            .unwrap();
        assert_eq!(real.f64(0).unwrap(), 2.5);
    });
}

#[test]
fn concurrent_first_opens_migrate_once() {
    each_backend("store migrations", |loc| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let loc = loc.clone();
                std::thread::spawn(move || {
                    let mut s = Store::open(&loc).unwrap();
                    s.schema_version().unwrap()
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), MIGRATIONS.len() as i64);
        }
        let mut s = Store::open(loc).unwrap();
        let n = s
            .query_one("SELECT COUNT(*) FROM schema_migrations", &[])
            .unwrap();
        assert_eq!(n.i64(0).unwrap(), MIGRATIONS.len() as i64);
        let _ = s.backend() == Backend::Sqlite;
    });
}

/// A database left by the version before migration 3 (findings carrying their JSON inline)
/// upgrades on open: the JSON moves to `finding_data`, nothing is lost, the new indexes serve.
#[test]
fn a_version_2_database_upgrades() {
    each_backend("store upgrade", |loc| {
        let mut old = Store::open_with_migrations(loc, 2).unwrap();
        assert_eq!(old.schema_version().unwrap(), 2);
        for (fp, owner) in [("fp-1", Some("@org/a @bob")), ("fp-2", None)] {
            old.execute(
                "INSERT INTO findings (target, fingerprint, rule_id, analyzer, title, severity, \
                 severity_rank, confidence, path, line, data, state, state_since, owner, risk, \
                 due_at, first_seen, last_seen, first_scan, last_scan, reopen_count) VALUES \
                 ('t', ?, 'r1', 'secrets', 'A title', 'high', 3, 'high', 'src/a.py', 7, ?, \
                 'open', 10, ?, 42.5, 100, 10, 10, 1, 1, 0)",
                &[
                    fp.into(),
                    format!("{{\"fingerprint\":\"{fp}\",\"message\":\"it's here\"}}").into(),
                    owner.into(),
                ],
            )
            .unwrap();
        }
        drop(old);

        let mut s = Store::open(loc).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let rows = s
            .query(
                "SELECT f.fingerprint, d.data, f.owner, f.risk, f.data_hash FROM findings f \
                 JOIN finding_data d ON d.finding_id = f.id ORDER BY f.fingerprint",
                &[],
            )
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text(0).unwrap(), "fp-1");
        assert_eq!(
            rows[0].text(1).unwrap(),
            "{\"fingerprint\":\"fp-1\",\"message\":\"it's here\"}"
        );
        assert_eq!(rows[0].opt_text(2).as_deref(), Some("@org/a @bob"));
        assert_eq!(rows[0].f64(3).unwrap(), 42.5);
        // Unknown until the next scan rewrites it.
        assert_eq!(rows[0].opt_i64(4), None);
        assert_eq!(rows[1].opt_text(2), None);
        // The wide column is gone from the hot table.
        assert!(s.query("SELECT data FROM findings", &[]).is_err());
        // The filters still find what they should through the new indexes.
        let n = s
            .query_one(
                "SELECT COUNT(*) FROM findings WHERE state = ? AND severity_rank = ? \
                 AND path LIKE ? ESCAPE '\\'",
                &["open".into(), Value::Int(3), "src/%".into()],
            )
            .unwrap();
        assert_eq!(n.i64(0).unwrap(), 2);
    });
}
