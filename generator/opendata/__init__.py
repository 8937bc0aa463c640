"""The open data the site publishes beside its pages: the CSV files, the Atom feed and the Open Referral UK 3.0
feed and API files, made from the same records as the pages."""
