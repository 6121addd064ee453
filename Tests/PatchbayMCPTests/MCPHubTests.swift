import Testing

@testable import PatchbayMCP
