"""One OpenAPI 3.1 document for every public path: the gateway's own and each service's."""
