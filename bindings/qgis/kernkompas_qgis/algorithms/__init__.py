"""The Processing algorithms of the kernkompas provider."""
