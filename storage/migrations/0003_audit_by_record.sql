-- 0003: find the history of one record without scanning the whole log.
CREATE INDEX audit_entity ON audit (entity, entity_id, id);
