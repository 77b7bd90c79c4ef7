-- 0010: the organizer's own notes on startups and companies (event.Startup
-- and event.Company Notes; columns of an imported file kept as notes).
ALTER TABLE startups ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE companies ADD COLUMN notes TEXT NOT NULL DEFAULT '';
