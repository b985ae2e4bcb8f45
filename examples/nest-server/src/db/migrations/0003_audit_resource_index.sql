-- Erasure (issue 12) rewrites every audit row whose resource_id names the erased user or one of
-- their positions, in anyone's rows: an index keeps that a lookup rather than a scan of the trail.
CREATE INDEX audit_log_resource_idx ON audit_log (resource_id);
