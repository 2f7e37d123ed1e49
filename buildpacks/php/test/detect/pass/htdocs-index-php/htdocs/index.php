<?php echo "Hello from htdocs";
