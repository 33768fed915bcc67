"""The browser editor of a review session: a Starlette app served by uvicorn on 127.0.0.1.

`security` (token and same-origin checks), `payload` (what the page shows of each link, computed
once per link state and sent as patches), `backend` (the only module that calls the session API),
`app` (the routes), `serve` (the command's server loop); the page itself is `static/` (plain
JS and CSS shipped in the package: nothing is fetched from the network).
"""
