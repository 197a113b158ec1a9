// Module InvSyncInterface.
