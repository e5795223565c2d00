// Exposes the entry point to WebApplicationFactory in the tests and the benchmark.
public partial class Program;
