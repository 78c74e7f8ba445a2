-- termbook schema, version 2: exchanging records between paired schools.
--
-- exchange_log numbers every change of a record row in the order this installation made or
-- received it, so that "everything changed since the last exchange with a partner" is a
-- range of numbers, which a machine clock set wrong cannot disturb. Triggers keep it; one row
-- per record, renumbered at each change.

CREATE TABLE exchange_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl       TEXT NOT NULL,
    record_id TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX exchange_log_by_record ON exchange_log (tbl, record_id);

-- Each partner this installation exports to, and the last change the partner was sent.
CREATE TABLE exchange_partners (
    name     TEXT PRIMARY KEY,
    sent_seq INTEGER NOT NULL DEFAULT 0,
    sent_at  TEXT NOT NULL
) STRICT;

-- Records received that refer to records not received yet (a lost file, a third school's
-- record): kept here, whole, and placed by the import that brings what they refer to.
CREATE TABLE exchange_pending (
    tbl        TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    row        TEXT NOT NULL,  -- JSON array of the record's exchanged columns
    PRIMARY KEY (tbl, record_id)
) STRICT, WITHOUT ROWID;

-- Two paired schools may each record a follow-up action for the same observation; a deleted
-- one must not keep the place of the one that replaces it.
DROP INDEX followups_by_observation;
CREATE UNIQUE INDEX followups_by_observation ON followups (observation_id) WHERE deleted_at IS NULL;

-- Per installation, the newest change of it ever held or received here, even if replaced or
-- not kept since: with the records held, what this installation has seen, so that an import
-- can tell a change made on both sides unaware of each other (a conflict) from an old version
-- arriving late.
CREATE TABLE exchange_heard (
    installation_id TEXT PRIMARY KEY,
    newest          TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Present only while a merge writes, so that received versions keep their own timestamps.
CREATE TABLE exchange_merging (
    one INTEGER PRIMARY KEY CHECK (one = 1)
) STRICT;

-- Every record table: log each change, and make each change made here later than the version
-- it replaces (by a millisecond if the clock says otherwise: two edits in one millisecond, a
-- clock set back, a partner's clock ahead), so that the installations agree which is newest.
CREATE TRIGGER schools_logged_insert AFTER INSERT ON schools BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('schools', NEW.id);
END;
CREATE TRIGGER schools_logged_update AFTER UPDATE ON schools BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('schools', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER schools_later AFTER UPDATE OF updated_at ON schools
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE schools SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'schools', id FROM schools ORDER BY updated_at;

CREATE TRIGGER teachers_logged_insert AFTER INSERT ON teachers BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('teachers', NEW.id);
END;
CREATE TRIGGER teachers_logged_update AFTER UPDATE ON teachers BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('teachers', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER teachers_later AFTER UPDATE OF updated_at ON teachers
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE teachers SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'teachers', id FROM teachers ORDER BY updated_at;

CREATE TRIGGER terms_logged_insert AFTER INSERT ON terms BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('terms', NEW.id);
END;
CREATE TRIGGER terms_logged_update AFTER UPDATE ON terms BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('terms', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER terms_later AFTER UPDATE OF updated_at ON terms
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE terms SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'terms', id FROM terms ORDER BY updated_at;

CREATE TRIGGER school_pairs_logged_insert AFTER INSERT ON school_pairs BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('school_pairs', NEW.id);
END;
CREATE TRIGGER school_pairs_logged_update AFTER UPDATE ON school_pairs BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('school_pairs', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER school_pairs_later AFTER UPDATE OF updated_at ON school_pairs
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE school_pairs SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'school_pairs', id FROM school_pairs ORDER BY updated_at;

CREATE TRIGGER mentor_pairs_logged_insert AFTER INSERT ON mentor_pairs BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('mentor_pairs', NEW.id);
END;
CREATE TRIGGER mentor_pairs_logged_update AFTER UPDATE ON mentor_pairs BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('mentor_pairs', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER mentor_pairs_later AFTER UPDATE OF updated_at ON mentor_pairs
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE mentor_pairs SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'mentor_pairs', id FROM mentor_pairs ORDER BY updated_at;

CREATE TRIGGER activity_types_logged_insert AFTER INSERT ON activity_types BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('activity_types', NEW.id);
END;
CREATE TRIGGER activity_types_logged_update AFTER UPDATE ON activity_types BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('activity_types', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER activity_types_later AFTER UPDATE OF updated_at ON activity_types
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE activity_types SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'activity_types', id FROM activity_types ORDER BY updated_at;

CREATE TRIGGER activities_logged_insert AFTER INSERT ON activities BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('activities', NEW.id);
END;
CREATE TRIGGER activities_logged_update AFTER UPDATE ON activities BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('activities', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER activities_later AFTER UPDATE OF updated_at ON activities
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE activities SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'activities', id FROM activities ORDER BY updated_at;

CREATE TRIGGER activity_moves_logged_insert AFTER INSERT ON activity_moves BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('activity_moves', NEW.id);
END;
CREATE TRIGGER activity_moves_logged_update AFTER UPDATE ON activity_moves BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('activity_moves', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER activity_moves_later AFTER UPDATE OF updated_at ON activity_moves
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE activity_moves SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'activity_moves', id FROM activity_moves ORDER BY updated_at;

CREATE TRIGGER rubrics_logged_insert AFTER INSERT ON rubrics BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('rubrics', NEW.id);
END;
CREATE TRIGGER rubrics_logged_update AFTER UPDATE ON rubrics BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('rubrics', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER rubrics_later AFTER UPDATE OF updated_at ON rubrics
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE rubrics SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'rubrics', id FROM rubrics ORDER BY updated_at;

CREATE TRIGGER observations_logged_insert AFTER INSERT ON observations BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('observations', NEW.id);
END;
CREATE TRIGGER observations_logged_update AFTER UPDATE ON observations BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('observations', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER observations_later AFTER UPDATE OF updated_at ON observations
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE observations SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'observations', id FROM observations ORDER BY updated_at;

CREATE TRIGGER followups_logged_insert AFTER INSERT ON followups BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('followups', NEW.id);
END;
CREATE TRIGGER followups_logged_update AFTER UPDATE ON followups BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('followups', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER followups_later AFTER UPDATE OF updated_at ON followups
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE followups SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'followups', id FROM followups ORDER BY updated_at;

CREATE TRIGGER guidance_logged_insert AFTER INSERT ON guidance BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('guidance', NEW.id);
END;
CREATE TRIGGER guidance_logged_update AFTER UPDATE ON guidance BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('guidance', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER guidance_later AFTER UPDATE OF updated_at ON guidance
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE guidance SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'guidance', id FROM guidance ORDER BY updated_at;

CREATE TRIGGER handins_logged_insert AFTER INSERT ON handins BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('handins', NEW.id);
END;
CREATE TRIGGER handins_logged_update AFTER UPDATE ON handins BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('handins', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER handins_later AFTER UPDATE OF updated_at ON handins
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE handins SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'handins', id FROM handins ORDER BY updated_at;

CREATE TRIGGER targets_logged_insert AFTER INSERT ON targets BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('targets', NEW.id);
END;
CREATE TRIGGER targets_logged_update AFTER UPDATE ON targets BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('targets', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER targets_later AFTER UPDATE OF updated_at ON targets
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE targets SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'targets', id FROM targets ORDER BY updated_at;

CREATE TRIGGER checklist_items_logged_insert AFTER INSERT ON checklist_items BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('checklist_items', NEW.id);
END;
CREATE TRIGGER checklist_items_logged_update AFTER UPDATE ON checklist_items BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('checklist_items', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER checklist_items_later AFTER UPDATE OF updated_at ON checklist_items
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE checklist_items SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'checklist_items', id FROM checklist_items ORDER BY updated_at;

CREATE TRIGGER term_grades_logged_insert AFTER INSERT ON term_grades BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('term_grades', NEW.id);
END;
CREATE TRIGGER term_grades_logged_update AFTER UPDATE ON term_grades BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('term_grades', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER term_grades_later AFTER UPDATE OF updated_at ON term_grades
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE term_grades SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
INSERT INTO exchange_log (tbl, record_id) SELECT 'term_grades', id FROM term_grades ORDER BY updated_at;
