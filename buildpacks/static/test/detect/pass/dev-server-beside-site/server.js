// A local preview of the site, not its server in production.
const http = require("http")
http.createServer((req, res) => res.end("preview")).listen(3000)
