"""The chapters of the report, one small provider module each (see `reports.content.build`)."""
