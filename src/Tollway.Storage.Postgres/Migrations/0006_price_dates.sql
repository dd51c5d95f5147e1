-- The UTC day a runtime price was set or imported, shown beside the price as its date.
ALTER TABLE price_overrides ADD COLUMN priced_on DATE NULL;
