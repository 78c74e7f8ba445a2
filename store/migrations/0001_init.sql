-- termbook schema, version 1.
--
-- Every record table has a stable global id (UUID v7, text), created_at and updated_at (UTC,
-- "2006-01-02T15:04:05.000Z" so text order is time order), updated_by (the installation that
-- last wrote it, the tie-break when two paired schools' copies are merged) and deleted_at for
-- soft deletion. Dates are "YYYY-MM-DD". Long texts live in tables of their own so that the
-- rows lists and counts read stay small.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE schools (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    district   TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX schools_by_name ON schools (name) WHERE deleted_at IS NULL;

CREATE TABLE teachers (
    id         TEXT PRIMARY KEY,
    school_id  TEXT NOT NULL REFERENCES schools (id),
    name       TEXT NOT NULL,
    pinyin     TEXT NOT NULL DEFAULT '',  -- "zhangsan", for matching
    initials   TEXT NOT NULL DEFAULT '',  -- "zs"
    subjects   TEXT NOT NULL DEFAULT '',  -- "语文,数学"
    grade      TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE INDEX teachers_by_school ON teachers (school_id, name);

CREATE TABLE terms (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    week1      TEXT NOT NULL,            -- Monday of 第1周
    weeks      INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE INDEX terms_by_week1 ON terms (week1);

CREATE TABLE school_pairs (
    id            TEXT PRIMARY KEY,
    supporting_id TEXT NOT NULL REFERENCES schools (id),
    supported_id  TEXT NOT NULL REFERENCES schools (id),
    agreed_on     TEXT NOT NULL,
    cycle_years   INTEGER NOT NULL DEFAULT 3,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;

CREATE TABLE mentor_pairs (
    id             TEXT PRIMARY KEY,
    term_id        TEXT NOT NULL REFERENCES terms (id),
    mentor_id      TEXT NOT NULL REFERENCES teachers (id),
    mentee_id      TEXT NOT NULL REFERENCES teachers (id),
    subject        TEXT NOT NULL DEFAULT '',
    goals          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX mentor_pairs_by_term ON mentor_pairs (term_id);

-- Activity types are user-extensible; the built-in ones are seeded by code with fixed ids.
CREATE TABLE activity_types (
    id         TEXT PRIMARY KEY,
    code       TEXT NOT NULL,            -- "open_lesson"; stable key for built-ins, "" for user types
    name       TEXT NOT NULL,            -- 公开课
    name_en    TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

-- An activity is scheduled on a date, only in a week, or only in a month. first_day and
-- last_day are derived from that (the day itself; the week's Monday..Sunday; the month's first
-- and last day) so that one indexed range query finds a week's or a month's activities.
CREATE TABLE activities (
    id          TEXT PRIMARY KEY,
    term_id     TEXT NOT NULL REFERENCES terms (id),
    type_id     TEXT NOT NULL REFERENCES activity_types (id),
    title       TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    host_id     TEXT REFERENCES teachers (id),
    place       TEXT NOT NULL DEFAULT '',
    at_time     TEXT NOT NULL DEFAULT '',  -- "14:00"
    sched       TEXT NOT NULL CHECK (sched IN ('date', 'week', 'month')),
    on_date     TEXT,
    week        INTEGER,
    month       TEXT,                      -- "2026-11"
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'postponed', 'cancelled')),
    done_on     TEXT,
    note        TEXT NOT NULL DEFAULT '',
    series_id   TEXT,                      -- shared by the activities of one weekly repetition
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX activities_by_term_day ON activities (term_id, first_day) WHERE deleted_at IS NULL;
CREATE INDEX activities_by_day ON activities (first_day) WHERE deleted_at IS NULL;
CREATE INDEX activities_by_series ON activities (series_id) WHERE series_id IS NOT NULL;
-- Covers the term-end review's tallies of activities by status, type and month.
CREATE INDEX activities_by_term_status ON activities (term_id, status, type_id, first_day, last_day, done_on) WHERE deleted_at IS NULL;

CREATE TABLE activity_schools (
    activity_id TEXT NOT NULL REFERENCES activities (id),
    school_id   TEXT NOT NULL REFERENCES schools (id),
    PRIMARY KEY (activity_id, school_id)
) STRICT, WITHOUT ROWID;

-- Each postponement keeps where the activity was before.
CREATE TABLE activity_moves (
    id           TEXT PRIMARY KEY,
    activity_id  TEXT NOT NULL REFERENCES activities (id),
    from_sched   TEXT NOT NULL,
    from_date    TEXT,
    from_week    INTEGER,
    from_month   TEXT,
    reason       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX activity_moves_by_activity ON activity_moves (activity_id);

CREATE TABLE rubrics (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    spec       TEXT NOT NULL,            -- JSON: dimensions with max points, grade bands
    is_default INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

-- The rubric each observation was scored with, stored once per distinct spec: an observation
-- keeps the rubric it was scored with for good, while its row, which lists and counts read,
-- carries only the snapshot's id. The id is derived from the spec (the first 128 bits of its
-- SHA-256, in hex), so the same rubric has the same id in every installation.
CREATE TABLE rubric_snapshots (
    id   TEXT PRIMARY KEY,
    spec TEXT NOT NULL                   -- JSON: dimensions with max points, grade bands
) STRICT;

CREATE TABLE observations (
    id             TEXT PRIMARY KEY,
    term_id        TEXT NOT NULL REFERENCES terms (id),
    activity_id    TEXT REFERENCES activities (id),
    school_id      TEXT NOT NULL REFERENCES schools (id),
    teacher_id     TEXT NOT NULL REFERENCES teachers (id),
    observer_id    TEXT NOT NULL REFERENCES teachers (id),
    subject        TEXT NOT NULL DEFAULT '',
    class_name     TEXT NOT NULL DEFAULT '',
    topic          TEXT NOT NULL DEFAULT '',
    lesson_type    TEXT NOT NULL DEFAULT '',  -- 新授/复习/练习/实验/…
    kind           TEXT NOT NULL DEFAULT '',  -- 公开课/汇报课/常态课/…
    observed_on    TEXT NOT NULL,
    week           INTEGER NOT NULL,
    period         INTEGER NOT NULL DEFAULT 0,
    rubric_id      TEXT NOT NULL REFERENCES rubric_snapshots (id),  -- the rubric it was scored with
    scores         TEXT NOT NULL DEFAULT '[]',-- JSON: one number (or grade letter) per dimension
    grade_only     INTEGER NOT NULL DEFAULT 0,
    total          REAL NOT NULL DEFAULT 0,
    grade          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
-- A term's, a teacher's or an observer's observations, newest first, read a page at a time
-- in the index's own order (no sort of the whole list before its first page). The observer's
-- carries the teacher too, so that the review counts whom a mentee observed from the index
-- alone.
CREATE INDEX observations_by_term_day ON observations (term_id, observed_on, period, id) WHERE deleted_at IS NULL;
CREATE INDEX observations_by_teacher ON observations (teacher_id, observed_on, period, id) WHERE deleted_at IS NULL;
CREATE INDEX observations_by_observer ON observations (observer_id, observed_on, period, id, teacher_id) WHERE deleted_at IS NULL;

-- The long texts of an observation, kept apart from the rows that lists and counts read.
-- Long rows belong in a rowid table: a WITHOUT ROWID table keeps only about a quarter page of
-- a row in the tree and spills the rest to an overflow page of its own, which doubles the
-- file.
CREATE TABLE observation_texts (
    observation_id TEXT PRIMARY KEY REFERENCES observations (id),
    process        TEXT NOT NULL DEFAULT '',  -- 教学过程实录
    comments       TEXT NOT NULL DEFAULT '',  -- 随堂点评
    highlights     TEXT NOT NULL DEFAULT '',  -- 亮点
    problems       TEXT NOT NULL DEFAULT '',  -- 存在问题
    suggestions    TEXT NOT NULL DEFAULT ''   -- 改进建议
) STRICT;

-- One follow-up action per observation, shown again on the teacher's next one until closed.
CREATE TABLE followups (
    id             TEXT PRIMARY KEY,
    observation_id TEXT NOT NULL REFERENCES observations (id),
    teacher_id     TEXT NOT NULL REFERENCES teachers (id),
    action         TEXT NOT NULL,
    due_on         TEXT,
    closed_on      TEXT,
    closed_note    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX followups_open_by_teacher ON followups (teacher_id, due_on) WHERE closed_on IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX followups_by_observation ON followups (observation_id);

CREATE TABLE guidance (
    id             TEXT PRIMARY KEY,
    mentor_pair_id TEXT NOT NULL REFERENCES mentor_pairs (id),
    given_on       TEXT NOT NULL,
    form           TEXT NOT NULL CHECK (form IN ('prep', 'observe', 'review', 'talk', 'demo', 'other')),
    observation_id TEXT REFERENCES observations (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX guidance_by_pair_day ON guidance (mentor_pair_id, given_on) WHERE deleted_at IS NULL;

CREATE TABLE guidance_texts (
    guidance_id TEXT PRIMARY KEY REFERENCES guidance (id),
    content     TEXT NOT NULL DEFAULT '',
    reflection  TEXT NOT NULL DEFAULT ''   -- 徒弟体会
) STRICT;

-- Lesson plans, reading notes and other hand-ins that targets count.
CREATE TABLE handins (
    id          TEXT PRIMARY KEY,
    term_id     TEXT NOT NULL REFERENCES terms (id),
    teacher_id  TEXT NOT NULL REFERENCES teachers (id),
    kind        TEXT NOT NULL CHECK (kind IN ('lesson_plan', 'reading_notes', 'reflection', 'lecture', 'other')),
    title       TEXT NOT NULL DEFAULT '',
    handed_on   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX handins_by_term_teacher ON handins (term_id, teacher_id) WHERE deleted_at IS NULL;

-- Countable quotas per term (defaults from SPEC §2, configurable).
CREATE TABLE targets (
    id          TEXT PRIMARY KEY,
    term_id     TEXT NOT NULL REFERENCES terms (id),
    metric      TEXT NOT NULL,   -- e.g. "mentee_observations"
    scope       TEXT NOT NULL CHECK (scope IN ('mentor_pair', 'teacher', 'school_pair')),
    required    INTEGER NOT NULL,
    per         TEXT NOT NULL CHECK (per IN ('term', 'month', 'two_weeks')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX targets_by_term_metric ON targets (term_id, metric) WHERE deleted_at IS NULL;

-- Term-end evidence per mentor pair or teacher, and the term grade.
CREATE TABLE checklist_items (
    id          TEXT PRIMARY KEY,
    term_id     TEXT NOT NULL REFERENCES terms (id),
    owner_kind  TEXT NOT NULL CHECK (owner_kind IN ('mentor_pair', 'teacher')),
    owner_id    TEXT NOT NULL,
    item        TEXT NOT NULL CHECK (item IN ('observation_notes', 'lecture_materials', 'demo_lesson_plan', 'review_reflection', 'reading_notes')),
    state       TEXT NOT NULL DEFAULT 'missing' CHECK (state IN ('missing', 'handed_in', 'checked')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX checklist_by_owner ON checklist_items (term_id, owner_kind, owner_id, item) WHERE deleted_at IS NULL;

CREATE TABLE term_grades (
    id          TEXT PRIMARY KEY,
    term_id     TEXT NOT NULL REFERENCES terms (id),
    owner_kind  TEXT NOT NULL CHECK (owner_kind IN ('mentor_pair', 'teacher', 'school_pair')),
    owner_id    TEXT NOT NULL,
    grade       TEXT NOT NULL CHECK (grade IN ('excellent', 'good', 'pass', 'fail')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX term_grades_by_owner ON term_grades (term_id, owner_kind, owner_id) WHERE deleted_at IS NULL;

-- Unsaved form contents, kept so a crash or a closed window loses at most a few seconds.
CREATE TABLE drafts (
    key        TEXT PRIMARY KEY,  -- e.g. "observation:new" or "observation:<id>"
    form       TEXT NOT NULL,
    payload    TEXT NOT NULL,     -- JSON
    updated_at TEXT NOT NULL
) STRICT;
