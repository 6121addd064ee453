import MCP
import PatchbayCore
