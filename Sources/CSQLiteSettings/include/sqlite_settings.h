#ifndef INVSYNC_CSQLITESETTINGS_H
#define INVSYNC_CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics for the whole process (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0): a C
/// variadic function, which Swift cannot call). Takes effect only before SQLite is initialised, that is before the
/// process opens its first connection. Returns SQLITE_OK (0), or SQLITE_MISUSE (21) when SQLite is already initialised.
int invsync_sqlite_disable_memory_statistics(void);

#endif
