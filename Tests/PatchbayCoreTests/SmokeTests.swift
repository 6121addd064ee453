import Testing
@testable import PatchbayCore

@Test func placeholdersBecomePorts() {
    #expect(TemplatePlaceholders.ports(in: "Hi {{name}} {{#items}}{{x}}{{/items}} {{doc.title}} {{name}}") == ["name", "items", "doc"])
}
