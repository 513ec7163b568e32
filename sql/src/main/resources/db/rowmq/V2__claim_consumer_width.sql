-- claim.consumer holds 'consumer-<id>@<broker id>'; a broker id may be 128 characters
-- (broker.id), so 128 was too narrow and every claim of such a broker failed in strict mode.
ALTER TABLE claim MODIFY consumer VARCHAR(255) NOT NULL;
