"""An MCP server for Patchbay's tests (stdio, the `mcp` package that the PyPI servers bring):
tools that report its pid, answer slowly, and exit in the middle of a call."""
import asyncio
import os
import sys

from mcp.server.mcpserver import MCPServer

server = MCPServer("patchbay-fixture")


@server.tool(description="The server's process id")
def pid() -> int:
    return os.getpid()


@server.tool(description="Answers after `seconds`")
async def slow(seconds: float) -> str:
    await asyncio.sleep(seconds)
    return "done"


@server.tool(description="Exits while answering, after a line on stderr")
def crash() -> str:
    print("fixture: going down in the middle of a call", file=sys.stderr, flush=True)
    os._exit(3)


@server.tool(description="Returns its text")
def echo(text: str) -> str:
    return text


if __name__ == "__main__":
    # `http PORT json|sse`: streamable HTTP on 127.0.0.1:PORT/mcp, answering POSTs as JSON or SSE.
    if sys.argv[1:2] == ["http"]:
        asyncio.run(server.run_streamable_http_async(port=int(sys.argv[2]), json_response=sys.argv[3] == "json"))
    else:
        asyncio.run(server.run_stdio_async())
