-- The publisher of an amendment is shown as the event recorded it: a name an earlier version took beyond today's
-- 128 characters still fits. (Today's names are checked when the amendment is published.)
ALTER TABLE amendment_view ALTER COLUMN actor TYPE TEXT;
