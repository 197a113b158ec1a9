// Module CurlTransport.
