"""Achievements people can show: badge images, progress, Open Badges 2.0 (hosted) and 3.0 (signed) credentials,
feeds. Pure: the signing key, when there is one, comes in through the SiteContext."""
