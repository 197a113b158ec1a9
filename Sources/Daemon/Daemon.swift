// Module Daemon.
