-- termbook schema, version 4: the activity types and rubrics a school edits, what an activity
-- leaves behind (活动留痕), and the fields of the printed 听课记录表.
--
-- Self-contained: it adds columns and tables only, so it applies on its own after any
-- migration that does the same for other tables.

-- A retired type stays on the activities that have it, but is not offered for new ones.
ALTER TABLE activity_types ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- A rubric may be a subject's own: the one that subject's observations are scored with
-- unless another is picked. A retired rubric is kept (its name still reads on the
-- observations scored with it) but not offered.
ALTER TABLE rubrics ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE rubrics ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- The rubric an observation was scored with, as the record it was picked from; the spec
-- itself stays in its snapshot (rubric_id). 课时 (which lesson of the topic, 0 for none) and
-- 教材/单元 are short and read by lists; 总评 is a text and lives with the others.
ALTER TABLE observations ADD COLUMN rubric_ref TEXT REFERENCES rubrics (id);
ALTER TABLE observations ADD COLUMN lesson_no INTEGER NOT NULL DEFAULT 0;
ALTER TABLE observations ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE observation_texts ADD COLUMN overall TEXT NOT NULL DEFAULT '';

-- 活动留痕: who chaired and recorded an activity, its minutes and summary, and for a 集体备课
-- its lesson preparation. One row per activity that has any, kept apart from the rows the
-- calendar and the review read (a rowid table, for the long texts).
CREATE TABLE activity_records (
    activity_id     TEXT PRIMARY KEY REFERENCES activities (id),
    chair_id        TEXT REFERENCES teachers (id),  -- 主持人
    recorder_id     TEXT REFERENCES teachers (id),  -- 记录人
    minutes         TEXT NOT NULL DEFAULT '',       -- 纪要
    summary         TEXT NOT NULL DEFAULT '',       -- 小结
    prep_lead_id    TEXT REFERENCES teachers (id),  -- 集体备课: 主备人
    prep_unit       TEXT NOT NULL DEFAULT '',       -- 单元/课题
    prep_draft      TEXT NOT NULL DEFAULT '',       -- 初案
    prep_discussion TEXT NOT NULL DEFAULT '',       -- 讨论意见
    prep_revision   TEXT NOT NULL DEFAULT ''        -- 复案
) STRICT;

-- 参加人员 (a 集体备课's 参与人): the teachers present.
CREATE TABLE activity_attendees (
    activity_id TEXT NOT NULL REFERENCES activities (id),
    teacher_id  TEXT NOT NULL REFERENCES teachers (id),
    PRIMARY KEY (activity_id, teacher_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_attendees_by_teacher ON activity_attendees (teacher_id);

-- Photos, scanned sign-in sheets and other files kept with an activity: each a path inside
-- the files folder beside the database ("termbook-files/" beside "termbook.db"), relative
-- to it and written with "/", in the order they were added.
CREATE TABLE activity_files (
    activity_id TEXT NOT NULL REFERENCES activities (id),
    position    INTEGER NOT NULL,
    path        TEXT NOT NULL,
    caption     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, position)
) STRICT, WITHOUT ROWID;
