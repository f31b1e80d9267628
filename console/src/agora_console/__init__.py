"""The web console for people: server-rendered pages that speak to the platform only through the
gateway's public API, with the person's own token kept on the server."""
