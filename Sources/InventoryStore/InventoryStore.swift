// Module InventoryStore.
