-- Issue 15 §5 and §6 (functions/api providers, functions/whatsapp).

-- Masked read-back of stored secrets (SecretSealer.mask / maskPassword): an SMTP password shows nothing;
-- a SendGrid key or Twilio auth token shows at most its last four characters, and only when it has 16
-- characters or more. The old hints showed the first three as well. The secret's length is its
-- ciphertext's less the AES-GCM nonce (12 bytes) and tag (16 bytes) (AesGcm); the keys are ASCII.
update shop_credential set secret_hint = '****'
 where provider = 'SMTP' and secret_ciphertext is not null;
update shop_credential
   set secret_hint = case when octet_length(secret_ciphertext) - 28 >= 16 and length(secret_hint) >= 8
                          then '****' || right(secret_hint, 4) else '****' end
 where provider in ('SENDGRID', 'TWILIO') and secret_ciphertext is not null;

-- SMTP checks stored before issue 15 §4 may quote what the server (or whatever listened there) answered.
update shop_credential set last_error = null where provider = 'SMTP';

-- The WhatsApp throughput cap is per Twilio account and sender: a shop that names another account's sender
-- number under its own account gets a bucket of its own and cannot use up (starve) the other's turns.
-- The buckets only hold the last second or so of turns: they are started afresh.
drop table whatsapp_sender_bucket;
create table whatsapp_sender_bucket (
    account_sid  varchar(34)     not null,
    sender       varchar(40)     not null,
    tokens       numeric(18, 6)  not null,
    refilled_at  timestamptz     not null,
    primary key (account_sid, sender)
);
