-- termbook schema, version 5: the school's own rules for the term-end review.
--
-- * Hand-in kinds (材料类别) the school extends, and hand-ins (材料台账) with who checked them
--   (查阅人), a grade and a comment (评语), and an optional file kept beside the database. The
--   term-end checklist is read from these records; the old checklist rows become hand-ins.
-- * Targets (考核细则) the school edits: what is counted, for whom, per which period, whether
--   a short period may be made up, and a weight for the score.
-- * A teacher's 称号 becomes 职称, 职务 and 荣誉/骨干级别.
-- * The report that goes up (上报材料): its header and narrative per term or school year.

-- Kinds of hand-in. The built-in ones have fixed ids shared by every installation, like the
-- built-in activity types; checklist says whose term-end checklist the kind is on.
CREATE TABLE handin_kinds (
    id         TEXT PRIMARY KEY,
    code       TEXT NOT NULL,            -- "lesson_plan"; stable key for built-ins, "" for a school's own
    name       TEXT NOT NULL,            -- 教案
    name_en    TEXT NOT NULL DEFAULT '',
    checklist  TEXT NOT NULL DEFAULT '' CHECK (checklist IN ('', 'all', 'mentor', 'mentee')),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
INSERT INTO handin_kinds (id, code, name, name_en, checklist, position, created_at, updated_at, updated_by) VALUES
    ('00000000-0000-7000-8000-200000000001', 'lesson_plan', '教案', 'Lesson plan', 'mentee', 1, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000002', 'reading_notes', '读书笔记', 'Reading notes', 'all', 2, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000003', 'reflection', '教学反思', 'Teaching reflection', 'mentee', 3, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000004', 'insights', '心得体会', 'Insights', 'mentee', 4, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000005', 'summary', '书面总结', 'Written summary', 'mentor', 5, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000006', 'lecture', '讲座资料', 'Lecture materials', 'mentor', 6, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000007', 'demo_plan', '示范课教案', 'Demo lesson plan', 'mentor', 7, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000008', 'observation_notes', '听课笔记', 'Observation notes', '', 8, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000009', 'review_reflection', '评课反思', 'Lesson review reflection', '', 9, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000'),
    ('00000000-0000-7000-8000-200000000010', 'other', '其他', 'Other', '', 10, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '00000000-0000-7000-8000-000000000000');

-- Hand-ins, rebuilt: the kind names a row of handin_kinds, and a hand-in records who checked
-- it, its grade and a file beside the database (a path inside the files folder, "/"-separated).
CREATE TEMP TABLE handins_v2 AS SELECT * FROM handins;
DROP TABLE handins;
CREATE TABLE handins (
    id          TEXT PRIMARY KEY,
    term_id     TEXT NOT NULL REFERENCES terms (id),
    teacher_id  TEXT NOT NULL REFERENCES teachers (id),
    kind_id     TEXT NOT NULL REFERENCES handin_kinds (id),
    title       TEXT NOT NULL DEFAULT '',
    handed_on   TEXT NOT NULL,
    checked_by  TEXT NOT NULL DEFAULT '',  -- 查阅人; "" until checked
    checked_on  TEXT,
    grade       TEXT NOT NULL DEFAULT '' CHECK (grade IN ('', 'excellent', 'good', 'pass', 'fail')),
    file        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
INSERT INTO handins (id, term_id, teacher_id, kind_id, title, handed_on, created_at, updated_at, updated_by, deleted_at)
SELECT id, term_id, teacher_id,
    CASE kind
        WHEN 'lesson_plan' THEN '00000000-0000-7000-8000-200000000001'
        WHEN 'reading_notes' THEN '00000000-0000-7000-8000-200000000002'
        WHEN 'reflection' THEN '00000000-0000-7000-8000-200000000003'
        WHEN 'lecture' THEN '00000000-0000-7000-8000-200000000006'
        ELSE '00000000-0000-7000-8000-200000000010'
    END,
    title, handed_on, created_at, updated_at, updated_by, deleted_at
FROM handins_v2;
DROP TABLE handins_v2;
-- Covers the review's counts (a term's hand-ins of a kind, per teacher and day, checked or
-- not) and a teacher's hand-ins.
CREATE INDEX handins_by_term_kind ON handins (term_id, kind_id, teacher_id, handed_on, checked_by) WHERE deleted_at IS NULL;
CREATE INDEX handins_by_teacher ON handins (teacher_id, handed_on) WHERE deleted_at IS NULL;

-- The comment (评语) on a hand-in, kept apart from the rows that lists and counts read.
CREATE TABLE handin_texts (
    handin_id TEXT PRIMARY KEY REFERENCES handins (id),
    comment   TEXT NOT NULL DEFAULT ''
) STRICT;

-- The checklist was a second record of the same material; each item handed in becomes a
-- hand-in of its kind (keeping its id, so that paired schools migrate it alike), unless the
-- teacher already has one of that kind in the term. An item marked checked marks its hand-ins
-- checked. Lecture materials and demo lesson plans are the mentor's; the rest the mentee's.
CREATE TEMP TABLE checklist_v3 AS
SELECT c.id, c.term_id, c.state, c.note, c.created_at, c.updated_at, c.updated_by,
    CASE WHEN c.owner_kind = 'teacher' THEN c.owner_id
         WHEN c.item IN ('lecture_materials', 'demo_lesson_plan') THEN p.mentor_id
         ELSE p.mentee_id END AS teacher_id,
    CASE c.item
        WHEN 'observation_notes' THEN '00000000-0000-7000-8000-200000000008'
        WHEN 'lecture_materials' THEN '00000000-0000-7000-8000-200000000006'
        WHEN 'demo_lesson_plan' THEN '00000000-0000-7000-8000-200000000007'
        WHEN 'review_reflection' THEN '00000000-0000-7000-8000-200000000009'
        ELSE '00000000-0000-7000-8000-200000000002'
    END AS kind_id
FROM checklist_items c LEFT JOIN mentor_pairs p ON c.owner_kind = 'mentor_pair' AND p.id = c.owner_id
WHERE c.deleted_at IS NULL AND c.state IN ('handed_in', 'checked');
DELETE FROM checklist_v3 WHERE teacher_id IS NULL OR teacher_id NOT IN (SELECT id FROM teachers);
-- A pair's item and the teacher's own can name the same material (reading notes): one each.
UPDATE checklist_v3 SET state = 'checked' WHERE EXISTS (SELECT 1 FROM checklist_v3 o WHERE o.state = 'checked'
    AND o.term_id = checklist_v3.term_id AND o.teacher_id = checklist_v3.teacher_id AND o.kind_id = checklist_v3.kind_id);
DELETE FROM checklist_v3 WHERE id NOT IN (SELECT MIN(id) FROM checklist_v3 GROUP BY term_id, teacher_id, kind_id);
UPDATE handins SET checked_by = '（原考核项：已查）'
WHERE deleted_at IS NULL AND EXISTS (SELECT 1 FROM checklist_v3 c
    WHERE c.state = 'checked' AND c.term_id = handins.term_id AND c.teacher_id = handins.teacher_id AND c.kind_id = handins.kind_id);
INSERT INTO handins (id, term_id, teacher_id, kind_id, title, handed_on, checked_by, created_at, updated_at, updated_by)
SELECT c.id, c.term_id, c.teacher_id, c.kind_id, k.name, substr(c.updated_at, 1, 10),
    CASE c.state WHEN 'checked' THEN '（原考核项：已查）' ELSE '' END, c.created_at, c.updated_at, c.updated_by
FROM checklist_v3 c JOIN handin_kinds k ON k.id = c.kind_id
WHERE NOT EXISTS (SELECT 1 FROM handins h WHERE h.deleted_at IS NULL
    AND h.term_id = c.term_id AND h.teacher_id = c.teacher_id AND h.kind_id = c.kind_id);
INSERT INTO handin_texts (handin_id, comment)
SELECT c.id, c.note FROM checklist_v3 c WHERE c.note <> '' AND c.id IN (SELECT id FROM handins);
DROP TABLE checklist_v3;
DROP TABLE checklist_items;
DELETE FROM exchange_log WHERE tbl = 'checklist_items';
DELETE FROM exchange_pending WHERE tbl = 'checklist_items';

-- Targets, rebuilt. A target counts one thing (counts: observations made or received, the
-- mentee observing the mentor, guidance entries, hand-ins of a kind, activities done of a
-- type) for an owner (scope), per period. For a teacher, applies_to narrows it to mentors,
-- mentees, or teachers whose 职称, 职务 or 荣誉 is the value; for a mentor pair it says whose
-- records count (the mentee's unless "mentor"). Targets of one title and scope are one rule;
-- the one for a narrower group takes precedence over the one for everybody. metric is the
-- built-in default the target was made from, "" for the school's own.
CREATE TEMP TABLE targets_v2 AS SELECT * FROM targets;
DROP TABLE targets;
CREATE TABLE targets (
    id           TEXT PRIMARY KEY,
    term_id      TEXT NOT NULL REFERENCES terms (id),
    title        TEXT NOT NULL,
    metric       TEXT NOT NULL DEFAULT '',
    scope        TEXT NOT NULL CHECK (scope IN ('mentor_pair', 'teacher', 'school_pair')),
    applies_to   TEXT NOT NULL DEFAULT '',
    counts       TEXT NOT NULL CHECK (counts IN ('observations_made', 'observations_received', 'observes_mentor', 'guidance', 'handins', 'activities')),
    type_id      TEXT REFERENCES activity_types (id),
    kind_id      TEXT REFERENCES handin_kinds (id),
    both_schools INTEGER NOT NULL DEFAULT 0,
    required     INTEGER NOT NULL,
    per          TEXT NOT NULL CHECK (per IN ('term', 'year', 'month', 'two_weeks')),
    make_up      INTEGER NOT NULL DEFAULT 0,
    weight       INTEGER NOT NULL DEFAULT 0,
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
INSERT INTO targets (id, term_id, title, metric, scope, applies_to, counts, type_id, kind_id, both_schools,
    required, per, position, created_at, updated_at, updated_by, deleted_at)
SELECT id, term_id,
    CASE metric
        WHEN 'mentee_observations' THEN '徒弟听课'
        WHEN 'observes_mentor' THEN '听师傅课'
        WHEN 'taught_observed' THEN '上课被听'
        WHEN 'lesson_plans' THEN '交教案'
        WHEN 'guidance_monthly' THEN '师傅指导'
        WHEN 'reading_notes' THEN '读书笔记'
        WHEN 'joint_meetings' THEN '联席会议'
        ELSE '结对活动'
    END,
    metric, scope,
    CASE WHEN scope = 'mentor_pair' AND metric <> 'guidance_monthly' THEN 'mentee' ELSE '' END,
    CASE metric
        WHEN 'mentee_observations' THEN 'observations_made'
        WHEN 'observes_mentor' THEN 'observes_mentor'
        WHEN 'taught_observed' THEN 'observations_received'
        WHEN 'guidance_monthly' THEN 'guidance'
        WHEN 'lesson_plans' THEN 'handins'
        WHEN 'reading_notes' THEN 'handins'
        ELSE 'activities'
    END,
    CASE metric WHEN 'joint_meetings' THEN '00000000-0000-7000-8000-000000000010' END,
    CASE metric
        WHEN 'lesson_plans' THEN '00000000-0000-7000-8000-200000000001'
        WHEN 'reading_notes' THEN '00000000-0000-7000-8000-200000000002'
    END,
    metric = 'pairing_monthly',
    required, per,
    CASE metric
        WHEN 'mentee_observations' THEN 1 WHEN 'observes_mentor' THEN 2 WHEN 'taught_observed' THEN 3
        WHEN 'lesson_plans' THEN 4 WHEN 'guidance_monthly' THEN 5 WHEN 'reading_notes' THEN 6
        WHEN 'joint_meetings' THEN 7 ELSE 8
    END,
    created_at, updated_at, updated_by, deleted_at
FROM targets_v2;
DROP TABLE targets_v2;
CREATE INDEX targets_by_term ON targets (term_id, position) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX targets_by_rule ON targets (term_id, scope, title, applies_to) WHERE deleted_at IS NULL;

-- 称号 becomes 职称 (rank), 职务 (post) and 荣誉/骨干级别 (honour). An old 称号 that is a
-- professional rank or a post moves there; the rest (骨干教师, 学科带头人, 教学能手 …) is an
-- honour.
ALTER TABLE teachers ADD COLUMN rank TEXT NOT NULL DEFAULT '';
ALTER TABLE teachers ADD COLUMN post TEXT NOT NULL DEFAULT '';
ALTER TABLE teachers ADD COLUMN honour TEXT NOT NULL DEFAULT '';
UPDATE teachers SET
    rank = CASE WHEN title IN ('正高级教师', '高级教师', '一级教师', '二级教师', '三级教师', '未定级', '新任教师') THEN title ELSE '' END,
    post = CASE WHEN title IN ('校长', '副校长', '书记', '教导主任', '教务主任', '教研室主任', '教研组长', '年级组长', '班主任', '行政') THEN title ELSE '' END,
    honour = CASE WHEN title IN ('正高级教师', '高级教师', '一级教师', '二级教师', '三级教师', '未定级', '新任教师',
        '校长', '副校长', '书记', '教导主任', '教务主任', '教研室主任', '教研组长', '年级组长', '班主任', '行政') THEN '' ELSE title END
WHERE title <> '';
ALTER TABLE teachers DROP COLUMN title;

-- The report that goes up (上报材料) for a term or a school year ("2025-2026"): its header,
-- and its narrative in a table of its own.
CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    term_id     TEXT REFERENCES terms (id),  -- a term's report, or
    school_year TEXT NOT NULL DEFAULT '',    -- a school year's: "2025-2026"
    unit        TEXT NOT NULL DEFAULT '',    -- 单位
    filled_by   TEXT NOT NULL DEFAULT '',    -- 填报人
    approved_by TEXT NOT NULL DEFAULT '',    -- 审核人
    dated       TEXT,                        -- 日期
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((term_id IS NULL) <> (school_year = ''))
) STRICT;
CREATE UNIQUE INDEX reports_by_term ON reports (term_id) WHERE deleted_at IS NULL AND term_id IS NOT NULL;
CREATE UNIQUE INDEX reports_by_year ON reports (school_year) WHERE deleted_at IS NULL AND school_year <> '';

CREATE TABLE report_texts (
    report_id TEXT PRIMARY KEY REFERENCES reports (id),
    progress  TEXT NOT NULL DEFAULT '',  -- 开展情况
    results   TEXT NOT NULL DEFAULT '',  -- 主要成效
    problems  TEXT NOT NULL DEFAULT '',  -- 存在问题
    plans     TEXT NOT NULL DEFAULT ''   -- 下步打算
) STRICT;

-- Records received before and still waiting for what they refer to are kept in the columns
-- they travel in: those of the changed tables take today's shape, as above.
UPDATE exchange_pending SET row = json_array(
    json_extract(row, '$[0]'), json_extract(row, '$[1]'), json_extract(row, '$[2]'), json_extract(row, '$[3]'), json_extract(row, '$[4]'),
    json_extract(row, '$[5]'), json_extract(row, '$[6]'), json_extract(row, '$[7]'), json_extract(row, '$[8]'), json_extract(row, '$[9]'),
    json_extract(row, '$[10]'),
    CASE WHEN json_extract(row, '$[11]') IN ('正高级教师', '高级教师', '一级教师', '二级教师', '三级教师', '未定级', '新任教师') THEN json_extract(row, '$[11]') ELSE '' END,
    CASE WHEN json_extract(row, '$[11]') IN ('校长', '副校长', '书记', '教导主任', '教务主任', '教研室主任', '教研组长', '年级组长', '班主任', '行政') THEN json_extract(row, '$[11]') ELSE '' END,
    CASE WHEN json_extract(row, '$[11]') IN ('正高级教师', '高级教师', '一级教师', '二级教师', '三级教师', '未定级', '新任教师',
        '校长', '副校长', '书记', '教导主任', '教务主任', '教研室主任', '教研组长', '年级组长', '班主任', '行政') THEN '' ELSE json_extract(row, '$[11]') END,
    json_extract(row, '$[12]'))
WHERE tbl = 'teachers' AND json_array_length(row) = 13;
UPDATE exchange_pending SET row = json_array(
    json_extract(row, '$[0]'), json_extract(row, '$[1]'), json_extract(row, '$[2]'), json_extract(row, '$[3]'), json_extract(row, '$[4]'),
    json_extract(row, '$[5]'), json_extract(row, '$[6]'),
    CASE json_extract(row, '$[7]')
        WHEN 'lesson_plan' THEN '00000000-0000-7000-8000-200000000001'
        WHEN 'reading_notes' THEN '00000000-0000-7000-8000-200000000002'
        WHEN 'reflection' THEN '00000000-0000-7000-8000-200000000003'
        WHEN 'lecture' THEN '00000000-0000-7000-8000-200000000006'
        ELSE '00000000-0000-7000-8000-200000000010'
    END,
    json_extract(row, '$[8]'), json_extract(row, '$[9]'), '', NULL, '', '', '')
WHERE tbl = 'handins' AND json_array_length(row) = 10;
UPDATE exchange_pending SET row = json_array(
    json_extract(row, '$[0]'), json_extract(row, '$[1]'), json_extract(row, '$[2]'), json_extract(row, '$[3]'), json_extract(row, '$[4]'),
    json_extract(row, '$[5]'),
    CASE json_extract(row, '$[6]')
        WHEN 'mentee_observations' THEN '徒弟听课' WHEN 'observes_mentor' THEN '听师傅课' WHEN 'taught_observed' THEN '上课被听'
        WHEN 'lesson_plans' THEN '交教案' WHEN 'guidance_monthly' THEN '师傅指导' WHEN 'reading_notes' THEN '读书笔记'
        WHEN 'joint_meetings' THEN '联席会议' ELSE '结对活动'
    END,
    json_extract(row, '$[6]'), json_extract(row, '$[7]'),
    CASE WHEN json_extract(row, '$[7]') = 'mentor_pair' AND json_extract(row, '$[6]') <> 'guidance_monthly' THEN 'mentee' ELSE '' END,
    CASE json_extract(row, '$[6]')
        WHEN 'mentee_observations' THEN 'observations_made' WHEN 'observes_mentor' THEN 'observes_mentor'
        WHEN 'taught_observed' THEN 'observations_received' WHEN 'guidance_monthly' THEN 'guidance'
        WHEN 'lesson_plans' THEN 'handins' WHEN 'reading_notes' THEN 'handins' ELSE 'activities'
    END,
    CASE json_extract(row, '$[6]') WHEN 'joint_meetings' THEN '00000000-0000-7000-8000-000000000010' END,
    CASE json_extract(row, '$[6]')
        WHEN 'lesson_plans' THEN '00000000-0000-7000-8000-200000000001'
        WHEN 'reading_notes' THEN '00000000-0000-7000-8000-200000000002'
    END,
    json_extract(row, '$[6]') = 'pairing_monthly', json_extract(row, '$[8]'), json_extract(row, '$[9]'), 0, 0,
    CASE json_extract(row, '$[6]')
        WHEN 'mentee_observations' THEN 1 WHEN 'observes_mentor' THEN 2 WHEN 'taught_observed' THEN 3
        WHEN 'lesson_plans' THEN 4 WHEN 'guidance_monthly' THEN 5 WHEN 'reading_notes' THEN 6
        WHEN 'joint_meetings' THEN 7 ELSE 8
    END)
WHERE tbl = 'targets' AND json_array_length(row) = 10;

-- Exchange bookkeeping for the new and rebuilt tables, as in version 2.
CREATE TRIGGER handin_kinds_logged_insert AFTER INSERT ON handin_kinds BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('handin_kinds', NEW.id);
END;
CREATE TRIGGER handin_kinds_logged_update AFTER UPDATE ON handin_kinds BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('handin_kinds', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER handin_kinds_later AFTER UPDATE OF updated_at ON handin_kinds
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE handin_kinds SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;

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
INSERT OR REPLACE INTO exchange_log (tbl, record_id) SELECT 'handins', id FROM handins ORDER BY updated_at;

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
INSERT OR REPLACE INTO exchange_log (tbl, record_id) SELECT 'targets', id FROM targets ORDER BY updated_at;

CREATE TRIGGER reports_logged_insert AFTER INSERT ON reports BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('reports', NEW.id);
END;
CREATE TRIGGER reports_logged_update AFTER UPDATE ON reports BEGIN
    INSERT OR REPLACE INTO exchange_log (tbl, record_id) VALUES ('reports', NEW.id);
    INSERT INTO exchange_heard (installation_id, newest) VALUES (OLD.updated_by, OLD.updated_at)
        ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest);
END;
CREATE TRIGGER reports_later AFTER UPDATE OF updated_at ON reports
WHEN NEW.updated_at <= OLD.updated_at AND NOT EXISTS (SELECT 1 FROM exchange_merging) BEGIN
    UPDATE reports SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', OLD.updated_at, '+0.001 seconds') WHERE id = NEW.id;
END;
