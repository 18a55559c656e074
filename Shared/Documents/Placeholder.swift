// Placeholder: replaced by the documents module.
public enum SiOpenDocumentsPlaceholder {}
