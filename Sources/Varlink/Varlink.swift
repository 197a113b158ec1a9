// Module Varlink.
