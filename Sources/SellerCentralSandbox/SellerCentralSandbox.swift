// Module SellerCentralSandbox.
