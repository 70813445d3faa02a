from entraide.cli import main

raise SystemExit(main())
