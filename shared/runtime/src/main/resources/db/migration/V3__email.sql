-- Email function (issue 4): campaign totals that always add up, and a fan-out that can resume.
--
-- A campaign's audience is accounted for as: total = queued + sent + failed + suppressed + skipped.
-- "skipped" counts audience members no message was created for (not opted in, no address, unknown id);
-- the other counters are recomputed from the campaign's notification rows (CampaignProgress).
-- fanout_cursor is the last customer id the fan-out has handled; fanned_out_at is set when the whole
-- audience has notifications, and only then can the campaign become COMPLETED.
alter table campaign
    add column suppressed     integer     not null default 0,
    add column skipped        integer     not null default 0,
    add column fanout_cursor  bigint      not null default 0,
    add column fanned_out_at  timestamptz;

-- Counting a campaign's notifications by status (index-only where the visibility map allows).
create index notification_campaign_status_idx on notification (campaign_id, status) where campaign_id is not null;
