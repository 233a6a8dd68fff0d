"""The corpus beyond the bundled briefs: the source list of official documents, fetching them,
and the user's own documents.

* :mod:`.sources` – ``corpus/sources.yaml`` and ``<id>.meta.yaml`` sidecars as typed entries.
* :mod:`.lock` – ``corpus/sources.lock.json``: what was downloaded, when, with which sha256.
* :mod:`.fetch` – ``ipfin corpus fetch``: polite, bounded, atomic downloads.
* :mod:`.userdocs` – ``ipfin corpus add``: copy a user's file in with its metadata.
"""
