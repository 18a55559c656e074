import Testing

@Test func placeholderOrders() {}
