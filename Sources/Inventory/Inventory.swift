// Module Inventory.
