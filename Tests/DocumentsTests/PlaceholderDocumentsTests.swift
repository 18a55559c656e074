import Testing

@Test func placeholderDocuments() {}
