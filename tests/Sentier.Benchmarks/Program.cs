Console.WriteLine("benchmark harness: see issue");
