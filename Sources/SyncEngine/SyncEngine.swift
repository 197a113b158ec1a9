// Module SyncEngine.
