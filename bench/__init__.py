"""`make bench`: speed and size figures for the site. It prints; it asserts nothing."""
