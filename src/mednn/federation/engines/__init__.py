"""How the coordinator's messages reach the sites (Flower's Message API only).

- :mod:`.inprocess` — a Flower Grid over ClientApps in this process or in spawned processes
  (tests, benchmarks, ``privacy.federated.site_column`` runs on one pooled file).
- :mod:`.deployment` — Flower's Deployment Engine: the ServerApp, the commands that start a
  SuperLink and a SuperNode, ``flwr run`` of mednn's app.
- :mod:`.worker` — a site's long-lived ClientApp process in the SuperNode's process isolation
  mode (one process for the whole run instead of one per message).
"""
