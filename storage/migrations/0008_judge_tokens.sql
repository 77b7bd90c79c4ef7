-- 0008: final-pitch judges' private links (hashes only, several per judge),
-- in the same form as the startups' and scouts' links.

CREATE TABLE judge_tokens (
    hash       TEXT    PRIMARY KEY,
    judge_id   TEXT    NOT NULL REFERENCES judges (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL DEFAULT '',
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX judge_tokens_judge ON judge_tokens (judge_id);

-- The company's applications are read per company (the scouts' screening).
CREATE INDEX applications_company ON applications (company_id);
