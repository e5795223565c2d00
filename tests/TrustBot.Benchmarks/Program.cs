Console.WriteLine("TrustBot benchmarks");
