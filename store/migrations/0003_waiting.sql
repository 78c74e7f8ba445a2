-- termbook schema, version 3: records waiting for the records they refer to are bounded and
-- found by what they wait for.
--
-- since is when the record began to wait (this machine's clock), so that one waiting in vain
-- is given up after a school year. waits_tbl and waits_for name the first record it waits
-- for, so that an import looks only at the waiting records whose awaited record has come,
-- however many wait; '' for a record kept before this version, which the next import looks
-- at once and notes.
ALTER TABLE exchange_pending ADD COLUMN since TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_pending ADD COLUMN waits_tbl TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_pending ADD COLUMN waits_for TEXT NOT NULL DEFAULT '';
UPDATE exchange_pending SET since = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
