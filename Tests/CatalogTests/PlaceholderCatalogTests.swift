import Testing

@Test func placeholderCatalog() {}
