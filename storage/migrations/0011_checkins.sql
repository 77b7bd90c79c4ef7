-- 0011: participants' check-in at the venue, per day of the event (the
-- secretariat's reception desk). A row is a participant checked in on one
-- day; removing a startup or company removes its check-ins.

CREATE TABLE checkins (
    kind           TEXT    NOT NULL CHECK (kind IN ('startup', 'company')),
    participant_id TEXT    NOT NULL,
    day            INTEGER NOT NULL CHECK (day >= 0),
    at             TEXT    NOT NULL,
    actor          TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (kind, participant_id, day)
) WITHOUT ROWID;
CREATE INDEX checkins_day ON checkins (day);

CREATE TRIGGER checkins_startup_deleted AFTER DELETE ON startups BEGIN
    DELETE FROM checkins WHERE kind = 'startup' AND participant_id = OLD.id;
END;
CREATE TRIGGER checkins_company_deleted AFTER DELETE ON companies BEGIN
    DELETE FROM checkins WHERE kind = 'company' AND participant_id = OLD.id;
END;
