// Module SellingPartner.
